export declare const HOST_V8_FLAGS: readonly string[];
export declare const NODE_HOST_FLAGS: readonly string[];
export declare function electronJsFlags(): string;
