/** Rumor control (issue 4 §5): the public list of checked incidents, in the visitor's language. */
export { registerRumorRoutes } from './rumor.routes.ts';
export { publicTimeStepMs } from './rumor.pages.ts';
