// Starts Swagger UI on the page's own OpenAPI document (a separate file: the page's content
// security policy allows no inline script).
const root = document.getElementById("swagger-ui");
window.ui = SwaggerUIBundle({
  url: new URL(root.dataset.specUrl, document.baseURI).href,
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  // Generated clients name their functions after operation ids: show them.
  displayOperationId: true,
  showExtensions: true,
  showCommonExtensions: true,
  // The public validator badge would call another host.
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
});
