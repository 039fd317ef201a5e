import type { SessionView } from '../features/auth/api/types.ts';
import { NotAllowedPage } from './not-allowed-page.tsx';
import { homeOf, matchRoute, mayOpen } from './routes.tsx';

/**
 * The page the hash names, if the member's roles open it. An unknown path shows the member's home
 * screen; an unknown admin screen, like a forbidden one, says it is not available.
 */
export function CurrentPage(props: { session: SessionView; path: string[] }) {
  const key = props.path.join('/');
  const matched = matchRoute(props.path);
  if (!matched) {
    if (props.path[0] === 'admin') return <NotAllowedPage />;
    const Home = homeOf(props.session).page;
    return <Home key={key} params={{}} />;
  }
  if (!mayOpen(props.session, matched.route)) return <NotAllowedPage />;
  const Page = matched.route.page;
  return <Page key={key} params={matched.params} />;
}
