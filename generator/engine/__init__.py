"""The MkDocs engine: the plugin that wires its events to the layers below,
its options, the light pages and the preview. Only this package imports
MkDocs or Material, or changes process-wide state."""
