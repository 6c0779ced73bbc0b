# The complete example offline, under a mock provider.
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/ponder-full-function" }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn        = "arn:aws:lambda:eu-west-1:123456789012:function:ponder-full-function"
      invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:ponder-full-function/invocations"
    }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = { arn = "arn:aws:events:eu-west-1:123456789012:rule/ponder-full-sweep" }
  }
  mock_resource "aws_apigatewayv2_api" {
    defaults = {
      id            = "abc123"
      execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123"
      api_endpoint  = "https://abc123.execute-api.eu-west-1.amazonaws.com"
    }
  }
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
  }
  mock_resource "aws_sns_topic" {
    defaults = { arn = "arn:aws:sns:eu-west-1:123456789012:ponder-full-alarms" }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ponder-full/model-keys-AbCdEf" }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::ponder-full-batches-123456789012-eu-west-1" }
  }
  # The invoke config's destination must look like an ARN; the other queues' ARNs stay random.
  override_resource {
    target = module.ponder.aws_sqs_queue.trigger_failures
    values = { arn = "arn:aws:sqs:eu-west-1:123456789012:ponder-trigger-failures" }
  }
  override_resource {
    target = module.ponder.module.api.aws_cloudwatch_log_group.access
    values = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/ponder-full" }
  }
}

variables {
  functions_zip = "../../tests/fixtures/function.zip"
  api_zip       = "../../tests/fixtures/function.zip"
}

run "every_option_reaches_the_stack" {
  assert {
    condition     = output.table_name == "ponder-full-searches" && output.queue_names.sample == "ponder-full-q-sample" && output.dlq_names.sample == "ponder-full-q-sample-dlq"
    error_message = "table name and queue prefix must follow the inputs"
  }
  assert {
    condition     = module.ponder.queues.sample.visibility_timeout_seconds == 7 * 600 && alltrue([for s, q in module.ponder.queues : q.max_receive_count == 8])
    error_message = "timeouts, multiplier and max_receive_count must reach the queues"
  }
  assert {
    condition     = module.ponder.bucket.sse_algorithm == "aws:kms" && module.ponder.table.server_side_encryption.kms_key_arn == output.kms_key_arn
    error_message = "the customer key must encrypt the bucket and the table"
  }
  assert {
    condition     = module.ponder.bucket_notification.filter_prefix == "inbox/" && module.ponder.output_prefix == "outbox/"
    error_message = "the notification must be filtered to inbox/"
  }
  assert {
    condition     = output.models_secret_arn == aws_secretsmanager_secret.models.arn
    error_message = "the stack must use the secret passed in"
  }
  assert {
    condition     = module.ponder.functions.sample.event_source_mappings.sample.maximum_concurrency == 32 && module.ponder.functions.select.event_source_mappings.select.batch_size == 5
    error_message = "model_max_concurrency and stage_batch_size must reach the event sources"
  }
  assert {
    condition     = module.ponder.functions.orchestrate.environment["PONDER_PIPELINE_DEADLINE"] == "2h"
    error_message = "extra environment must reach the functions"
  }
  assert {
    condition = alltrue(flatten([
      for f, p in module.ponder.function_policies : [
        for s in jsondecode(p).Statement :
        alltrue([for a in s.Action : a != "*" && !endswith(a, ":*")]) && !contains(s.Resource, "*")
      ]
    ]))
    error_message = "no statement may allow a wildcard action or the resource *"
  }
  assert {
    condition     = length(output.alarm_names.dlq) == 6 && length(output.alarm_names.errors) == 9
    error_message = "the alarms must exist"
  }
}

# A first plan, before anything exists, sees the ARNs as unknown: no count or for_each may depend on them.
run "plans_before_anything_exists" {
  command = plan
}
