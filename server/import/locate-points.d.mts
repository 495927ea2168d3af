export interface LocateInput {
  grid: Uint8Array;
  x: Float64Array;
  y: Float64Array;
}

export interface LocateOutput {
  lng: Float64Array;
  lat: Float64Array;
  cellHi: Uint32Array;
  cellLo: Uint32Array;
}

/** Locates rows [from, to) of the input into the same positions of the output. */
export type Locate = (input: LocateInput, out: LocateOutput, from: number, to: number) => void;

export function createLocator(bngDefinition: string, resolution: number): Locate;
