package dev.ponder.engine.bill;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a search (or a tenant's days) cost, line by line, priced with one price table.
 *
 * @param currency     the price table's currency
 * @param priceVersion which price table priced it
 * @param lines        one line per priced item, in a fixed order; items not used are left out
 * @param total        the sum of the lines' costs
 */
public record Bill(String currency, String priceVersion, List<Line> lines, BigDecimal total) {

    public Bill {
        lines = List.copyOf(lines);
    }

    /**
     * One priced item.
     *
     * @param item      what was used: {@code endpoint:<profile>}, {@code lambda-requests}, {@code lambda-compute},
     *                  {@code sqs-requests}, {@code dynamodb-reads}, {@code dynamodb-writes},
     *                  {@code api-gateway-requests}
     * @param quantity  how much, in {@code unit}s
     * @param unit      {@code hours}, {@code million-prompt-tokens}, {@code million-completion-tokens},
     *                  {@code million-requests}, {@code gb-seconds}, {@code million-read-units},
     *                  {@code million-write-units}
     * @param unitPrice the price of one unit
     * @param cost      quantity × unit price
     */
    public record Line(String item, BigDecimal quantity, String unit, BigDecimal unitPrice, BigDecimal cost) {
    }
}
