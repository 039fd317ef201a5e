import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';

export type RotaDeps = ServiceDeps;

export function rotaDepsFrom(context: PlatformContext): RotaDeps {
  return serviceDepsFrom(context);
}
