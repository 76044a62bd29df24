package org.shanzhi.cases;

/**
 * Command: dispatch (派遣) to one handler: a person (account username), a level (授权到任一级, which restarts
 * that level's clock) or a county department. A level may be combined with a person or a department.
 */
public record DispatchCase(String handlerUsername, CaseLevel level, String department, String note) {
}
