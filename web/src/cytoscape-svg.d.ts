// cytoscape-svg ships no types: it registers cy.svg(options) as an extension.
declare module "cytoscape-svg" {
  const ext: (cy: unknown) => void;
  export default ext;
}
