/** A problem the person starting the app can fix; its message is printed as one line, without a stack. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
