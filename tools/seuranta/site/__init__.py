"""The static report site: pages rendered with the standard library, charts drawn as inline SVG."""
