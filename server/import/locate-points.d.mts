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

export type Locate = (input: LocateInput, out: LocateOutput, from: number, to: number, useCache: boolean) => void;

export function createLocator(bngDefinition: string, resolution: number): Locate;
