import { listOf } from '../../lib/list-of.ts';
import type { TrainingInput } from './api/types.ts';

type TrainingKind = TrainingInput['trainings'][number]['kind'];

/** The kinds of training a coordinator may record, in the order the form offers them. */
export const trainingKinds = listOf<TrainingKind>()([
  'legal_observer',
  'know_your_rights',
  'de_escalation',
  'first_aid',
  'other',
]);
export type { TrainingKind };
