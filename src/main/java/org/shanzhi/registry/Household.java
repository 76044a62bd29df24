package org.shanzhi.registry;

import java.util.List;
import java.util.Map;
import org.shanzhi.common.Located;

/** A household as pages and the API show it: the phone is masked. */
public record Household(long id, String countyCode, String villageCode, String groupCode, Long gridId, String number,
        String address, String headName, String phone, List<String> tags, Map<String, String> extra, int memberCount) {

    public Located located() {
        return new Located(countyCode, groupCode != null ? groupCode : villageCode, gridId, id);
    }
}
