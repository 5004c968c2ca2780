/**
 * `npm run token -- <user> [ttl]`: prints a signed HS256 JWT for the running
 * local stack (its secret is in .stack/dev/secrets.json) or AUTH_JWT_SECRET.
 */
import fs from "node:fs";
import path from "node:path";
import { SignJWT } from "jose";
import { ROOT } from "./root.js";

const [user, ttl = "12h"] = process.argv.slice(2);
if (!user) {
  process.stderr.write("usage: npm run token -- <user> [ttl, e.g. 12h]\n");
  process.exit(2);
}
let secret = process.env.AUTH_JWT_SECRET;
if (!secret) {
  const file = path.join(ROOT, ".stack", process.env.STACK_PROFILE ?? "dev", "secrets.json");
  if (!fs.existsSync(file)) {
    process.stderr.write(`no AUTH_JWT_SECRET and no ${file}: start the stack (npm start) first\n`);
    process.exit(2);
  }
  secret = (JSON.parse(fs.readFileSync(file, "utf8")) as { jwtSecret: string }).jwtSecret;
}
const token = await new SignJWT({})
  .setProtectedHeader({ alg: "HS256" })
  .setSubject(user)
  .setIssuedAt()
  .setExpirationTime(ttl)
  .sign(new TextEncoder().encode(secret));
process.stdout.write(`${token}\n`);
