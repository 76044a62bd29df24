/**
 * Shared kernel every module may use: ids, the clock, problem+json errors, masking of personal data,
 * paging. Holds no county data of its own.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.shanzhi.common;
