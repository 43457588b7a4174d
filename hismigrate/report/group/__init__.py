"""The group report: a summary a prefecture or a group's board reads in ten minutes, then the members side by side,
package fit, the shared cost case, the joint waves and the regional blast radius. Built from the GroupAssessment as
sections of the same parts as a hospital's report, laid out by the same writers."""
