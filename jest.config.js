// geotiff 3 and some of its dependencies, and d3-scale-chromatic with its d3 dependencies, ship ESM only:
// let @swc/jest transform them too.
const esmPackages = [
  'geotiff', 'quick-lru', 'xml-utils', 'zstddec', 'lerc', '@petamoriken', 'web-worker',
  'd3-scale-chromatic', 'd3-color', 'd3-interpolate',
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  moduleNameMapper: { '^nest-large-image$': '<rootDir>/libs/nest-large-image/src' },
  transform: {
    '^.+\\.(t|j|mj)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  testTimeout: 60000,
};
