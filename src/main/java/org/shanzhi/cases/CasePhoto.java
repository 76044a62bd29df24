package org.shanzhi.cases;

/** A stored photo of a case. */
public record CasePhoto(long id, long caseId, String contentType, byte[] data) {
}
