/**
 * `npm run signing:keys`: prints the public signing keys and their validity periods, as
 * /api/signing-keys serves them, for an auditor to keep beside the exports they check.
 * `npm run signing:rotate`: retires the current key (its private half is deleted) and makes a new
 * one. Run it on one machine; every app server reads the same SIGNING_KEY_DIR, so the next
 * export anywhere signs with the new key.
 */
import { publishedSigningKeys, rotateSigningKey, signingKeyDir } from "../lib/signing/key-store";
import { runScript } from "./run-script";

runScript("signing", async () => {
  const dir = signingKeyDir();
  if (process.argv[2] === "rotate") {
    const { retired, current } = rotateSigningKey(dir);
    console.error(
      `[signing] ${retired ? `retired key ${retired}; ` : ""}current key ${current.keyId}, valid from ${current.validFrom} (${dir})`,
    );
  }
  console.log(JSON.stringify(publishedSigningKeys(dir), null, 2));
});
