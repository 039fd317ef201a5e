/**
 * Alerting: the public word. Verified alerts drafted and approved by two people, fanned out to
 * subscribers by SMS, Web Push and email, published as CAP and Atom; subscriptions; rumor control.
 */
export * from './alerts/index.ts';
export * from './subscriptions/index.ts';
export * from './rumors/index.ts';
export * from './alerting.jobs.ts';
