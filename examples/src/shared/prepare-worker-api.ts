import type { ConcreteScenario, ScenarioDocument } from '@regiontwin/core';

/** What the prepare worker offers across the comlink boundary. */
export interface PrepareWorkerApi {
  /** Receives the compiled model (the buffer of serializeRegionModel, transferred). */
  setModel(buffer: ArrayBuffer): void;
  /**
   * Expands the templates of a validated scenario document and checks its changes against the model.
   * @throws ScenarioPreparationError (as a plain Error across the boundary) naming the intervention.
   */
  prepare(doc: ScenarioDocument): ConcreteScenario;
}
