/** Shared by the server and the browser's form. */
export const MAX_PASSKEY_NAME = 60;
