const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value from a form or an address can be a row id: anything else is refused before any query. */
export const isUuid = (value: string) => UUID.test(value);
