// Swagger UI on the broker's generated OpenAPI document.
window.ui = SwaggerUIBundle({ url: "/openapi.yml", dom_id: "#swagger-ui" });
