"""Wire schemas: strict request Structs and the response Structs of shared/API.md."""
