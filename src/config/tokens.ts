/** Injection tokens of what the boot resolves before Nest starts. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const SESSION_SECRET = Symbol('SESSION_SECRET');
