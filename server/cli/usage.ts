export const usage = `Usage: amparo <command> [options]

Commands:
  migrate                       Apply pending database migrations.
  check-config                  Validate the environment and print the resolved (non-secret) settings.
  setup-link                    Print a fresh one-time link to create the first network (if none exists).
  create-admin                  Create the first network and its admin from the command line.
      --network-name <name> --slug <slug> --timezone <Area/City> --name <display name> --email <email>
      [--languages en,es]       The password is read from standard input, or prompted for without echo.
  purge                         Delete expired data (sessions, invitations, challenges, setup links,
                                finished jobs...) and compact the database so it is really gone.
  keys rotate                   Add a new encryption key and re-encrypt every sensitive field with it.
  keys retire <key id>          Remove an old key once no value uses it.
  keys move                     Move an older install's keys.json out of the data directory.
  seal [--credential <file>]    Lock the key file with a passphrase (or a service-manager credential file);
                                the server then starts sealed until unsealed.
  seal --off [--credential <file>]
                                Turn a sealed key file back into a plain one.
  unseal                        Send the passphrase to the sealed server on this machine (local socket).
  backup [--out <file>]         Write an encrypted backup (age, to AMPARO_BACKUP_RECIPIENT): a consistent
                                database snapshot plus media. The keys are NOT in it: back them up apart.
  restore --identity <file> <backup>
                                Restore a backup into an empty data directory / database only.
  audit verify [--network <id>] [--json]
                                Recompute the audit hash chains; exit 1 if any is broken.
  demo [--serve] [--reset]      Seed a synthetic demo network into an empty database (and start the server);
                                --reset deletes ./data/demo first.
  operator create --email <email>
                                Create a deployment operator (no network) and print their one-time
                                setup link: they create networks, see their health and suspend one.
  network create --name <name> --slug <slug> [--timezone <Area/City>] [--languages en,es]
                                Create another network and print its first admin's one-time setup link.
  help                          Show this help.

Configuration comes from environment variables: see docs/configuration.md.
`;
