export declare const ICON_SIZES: number[];
export declare const THEME_COLOUR: string;
export declare function iconPng(size: number): Uint8Array;
export declare function webManifest(): Record<string, unknown>;
