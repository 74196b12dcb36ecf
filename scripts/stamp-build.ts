/** Run by `npm run build` after `next build`: records the commit the build was made from. */
import { writeBuildStamp } from "./build-artefact";

writeBuildStamp();
