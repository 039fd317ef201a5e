/** The members of `Union` that `List` leaves out (never when it names them all). */
type Missing<Union, List extends readonly unknown[]> = Exclude<Union, List[number]>;

/**
 * A literal list the compiler holds to a union from a server contract: `listOf<ReportCategory>()
 * (['home', …])` compiles only when the list names every member of the union, each once, and
 * nothing else. The app keeps its own order (the order a screen shows them in); the server keeps
 * the truth, and adding a member there fails the app's typecheck until the list is updated.
 */
export function listOf<Union extends string>() {
  return <const List extends readonly Union[]>(
    list: List &
      ([Missing<Union, List>] extends [never] ? unknown : { missing: Missing<Union, List> }) &
      (HasDuplicate<List> extends true ? { duplicated: true } : unknown),
  ): List => list;
}

/** True when a tuple names one member twice. */
type HasDuplicate<List extends readonly unknown[]> = List extends readonly [infer First, ...infer Rest]
  ? First extends Rest[number]
    ? true
    : HasDuplicate<Rest>
  : false;
