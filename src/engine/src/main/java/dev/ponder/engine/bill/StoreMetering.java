package dev.ponder.engine.bill;

import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Meters the store: asks DynamoDB for the capacity units of every item request and adds them to the thread's
 * {@link Meter}. The units are DynamoDB's own count (item sizes, strongly consistent reads, transactions at twice
 * the price), so a bill's reads and writes are what on-demand billing charges. Register it on the store's client.
 */
public final class StoreMetering implements ExecutionInterceptor {

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        SdkRequest r = context.request();
        if (r instanceof GetItemRequest g) {
            return g.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof BatchGetItemRequest g) {
            return g.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof QueryRequest q) {
            return q.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof TransactGetItemsRequest t) {
            return t.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof PutItemRequest p) {
            return p.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof UpdateItemRequest u) {
            return u.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof DeleteItemRequest d) {
            return d.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof BatchWriteItemRequest b) {
            return b.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof TransactWriteItemsRequest t) {
            return t.toBuilder().returnConsumedCapacity(total).build();
        }
        return r;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Object r = context.response();
        if (r instanceof GetItemResponse g) {
            Meter.read(units(g.consumedCapacity()));
        } else if (r instanceof BatchGetItemResponse b) {
            Meter.read(units(b.consumedCapacity()));
        } else if (r instanceof QueryResponse q) {
            Meter.read(units(q.consumedCapacity()));
        } else if (r instanceof TransactGetItemsResponse t) {
            Meter.read(units(t.consumedCapacity()));
        } else if (r instanceof PutItemResponse p) {
            Meter.wrote(units(p.consumedCapacity()));
        } else if (r instanceof UpdateItemResponse u) {
            Meter.wrote(units(u.consumedCapacity()));
        } else if (r instanceof DeleteItemResponse d) {
            Meter.wrote(units(d.consumedCapacity()));
        } else if (r instanceof BatchWriteItemResponse b) {
            Meter.wrote(units(b.consumedCapacity()));
        } else if (r instanceof TransactWriteItemsResponse t) {
            Meter.wrote(units(t.consumedCapacity()));
        }
    }

    private static double units(ConsumedCapacity c) {
        return c == null || c.capacityUnits() == null ? 0.0 : c.capacityUnits();
    }

    private static double units(List<ConsumedCapacity> all) {
        return all == null ? 0.0 : all.stream().mapToDouble(StoreMetering::units).sum();
    }
}
