/**
 * The Kysely database interface. Each module declares its own tables by augmenting this interface
 * in its `<module>.tables.ts` (declaration merging), so table types live beside the code that owns
 * them while the query builder still sees one typed schema.
 *
 * Column conventions (same on SQLite and PostgreSQL, see docs/adr/0002):
 * - ids: text UUIDv7 made in the app;
 * - times: bigint milliseconds since the epoch, UTC;
 * - booleans: integer 0/1;
 * - JSON: text; ciphertext: text envelope (see platform/crypto).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
