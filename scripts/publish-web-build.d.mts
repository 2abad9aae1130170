export declare const KEPT_BUILDS: number;
export declare function newWebBuildDir(distDir: string): string;
export declare function publishWebBuild(distDir: string, buildDir: string): string[];
