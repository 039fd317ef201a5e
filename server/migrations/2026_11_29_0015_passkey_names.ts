import type { Kysely } from 'kysely';

// Frozen: do not import application code here.
// A passkey's name, chosen by its member when adding it and changeable later ("Chromium on Linux",
// "Rosa's phone"). A name can identify a person's device, so it is stored encrypted like other
// personal fields (an envelope, context 'webauthn_credentials.name'). Passkeys added before have
// none: the app shows them as "Passkey 1", "Passkey 2" until they are renamed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('webauthn_credentials').addColumn('name_enc', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('webauthn_credentials').dropColumn('name_enc').execute();
}
