# The minimal example offline, under a mock provider.
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/ponder-function" }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn        = "arn:aws:lambda:eu-west-1:123456789012:function:ponder-function"
      invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:ponder-function/invocations"
    }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = { arn = "arn:aws:events:eu-west-1:123456789012:rule/ponder-sweep" }
  }
  mock_resource "aws_apigatewayv2_api" {
    defaults = {
      id            = "abc123"
      execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123"
      api_endpoint  = "https://abc123.execute-api.eu-west-1.amazonaws.com"
    }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::ponder-batches-123456789012-eu-west-1" }
  }
  # The invoke config's destination must look like an ARN; the other queues' ARNs stay random.
  override_resource {
    target = module.ponder.aws_sqs_queue.trigger_failures
    values = { arn = "arn:aws:sqs:eu-west-1:123456789012:ponder-trigger-failures" }
  }
  override_resource {
    target = module.ponder.module.api.aws_cloudwatch_log_group.access
    values = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/ponder" }
  }
}

variables {
  functions_zip = "../../tests/fixtures/function.zip"
  api_zip       = "../../tests/fixtures/function.zip"
}

run "defaults" {
  assert {
    condition     = output.table_name == "ponder" && output.queue_names.sample == "ponder-sample" && output.dlq_names.sample == "ponder-sample-dlq"
    error_message = "the defaults name everything ponder"
  }
  assert {
    condition     = output.bucket_name == "ponder-batches-123456789012-eu-west-1"
    error_message = "the default bucket name carries account and region"
  }
  assert {
    condition     = alltrue([for f, fn in module.ponder.functions : fn.runtime == "java21"])
    error_message = "the default is JVM builds on java21"
  }
  assert {
    condition     = alltrue([for f, fn in module.ponder.functions : !contains(keys(fn.environment), "PONDER_POLICY_URL")])
    error_message = "no model URL is set unless given"
  }
  assert {
    condition     = module.ponder.functions.sample.event_source_mappings.sample.maximum_concurrency == 16
    error_message = "the model stages are capped at 16 by default"
  }
}

# A first plan, before anything exists, sees the ARNs as unknown: no count or for_each may depend on them.
run "plans_before_anything_exists" {
  command = plan
}
