export * from "./commands.js";
export * from "./decide.js";
export * from "./errors.js";
export * from "./events.js";
export * from "./task.js";
export * from "./duration.js";
export * from "./reminders.js";
export * from "./series.js";
