/** The wire-shaped entities are plain JSON values (field names as in the Afosto API reference). */
/* eslint-disable @typescript-eslint/no-explicit-any */
export type Json = any;
