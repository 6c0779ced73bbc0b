package dev.ponder.http.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.ponder.engine.bill.Bill;
import java.math.BigDecimal;
import java.util.List;

/** What a usage costs at the configured prices: one line per priced item, and the total. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BillView(String currency, String priceVersion, BigDecimal total, List<Line> lines) {

    /** One priced item: {@code quantity} {@code unit}s at {@code unit_price} each. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Line(String item, BigDecimal quantity, String unit, BigDecimal unitPrice, BigDecimal cost) {
    }

    public static BillView of(Bill bill) {
        return new BillView(bill.currency(), bill.priceVersion(), bill.total(), bill.lines().stream()
                .map(l -> new Line(l.item(), l.quantity(), l.unit(), l.unitPrice(), l.cost())).toList());
    }
}
