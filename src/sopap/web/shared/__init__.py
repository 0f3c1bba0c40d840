"""The shared kernel of the web apps: the domain errors and the SOP status every app speaks of. It imports
no app, so every app may import it."""
