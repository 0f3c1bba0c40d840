"""The sopap web application: organisations, authoring, the approval workflow and the public catalog."""
