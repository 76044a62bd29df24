package org.shanzhi.registry;

import java.util.List;
import java.util.Map;

/** Command: register a household in a village (optionally a group and a grid). */
public record NewHousehold(String villageCode, String groupCode, Long gridId, String number, String address,
        String phone, List<String> tags, Map<String, String> extra) {
}
