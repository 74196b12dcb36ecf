"use server";

import { formAction, type MessageOverrides } from "@/lib/actions/run-form-action";
import { deleteImportMapping, saveImportMapping } from "@/lib/import/saved-mappings";
import { DeleteImportMappingInput, SaveImportMappingInput } from "@/lib/import/mapping-input";

// Authorization is the domain function's: import.run on the mapping's region, stored and chosen.
// The default messages speak of a case; a mapping is no case.
const MAPPING_MESSAGES: MessageOverrides = { conflict: "mappingConflict", notFound: "mappingNotFound", forbidden: "mappingRegionNotYours" };

export const saveImportMappingAction = formAction({
  name: "saveImportMappingAction",
  schema: SaveImportMappingInput,
  run: saveImportMapping,
  path: "/import",
  success: "mappingSaved",
  messages: MAPPING_MESSAGES,
});

export const deleteImportMappingAction = formAction({
  name: "deleteImportMappingAction",
  schema: DeleteImportMappingInput,
  run: deleteImportMapping,
  path: "/import",
  success: "mappingDeleted",
  messages: MAPPING_MESSAGES,
});
