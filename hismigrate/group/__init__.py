"""The group layer: several hospitals moving onto one shared system (共同利用), on top of the members' own
assessments (each run by the pipeline as for one hospital). It adds only what a group has and a hospital has not:
package fit across members, the joint plan, the shared cost case and the regional blast radius."""
