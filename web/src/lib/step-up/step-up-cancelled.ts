/** Thrown by a step-up run when the member closes the dialog instead of confirming. */
export class StepUpCancelled extends Error {
  constructor() {
    super('step-up cancelled');
  }
}
