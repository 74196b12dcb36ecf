import english from "../../messages/en.json";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : leaves(value, `${prefix}${key}.`),
  );
}

/**
 * Every audit action the app knows, read from the catalog that names them (case.action), so an
 * action gets its place in the audit log's filter the moment it gets its label.
 */
export const AUDIT_ACTIONS: readonly string[] = leaves(english.case.action);
