/**
 * Units of work the matcher's stages do: characters scanned or copied, candidates compared,
 * edit-distance cells. Counted so a test can bound the work any input causes without timing it
 * (timings on a shared machine drift; counts do not). Adding to a number costs nothing measurable.
 */
export class WorkMeter {
  units = 0;

  /** Adds `n` units. */
  add(n: number): void {
    this.units += n;
  }

  /** Units since the last reset; starts again from zero. */
  take(): number {
    const n = this.units;
    this.units = 0;
    return n;
  }
}

/** The process-wide meter every matcher stage adds to. */
export const work = new WorkMeter();
