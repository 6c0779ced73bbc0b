locals {
  # Native images (GraalVM/Mandrel) run on the OS-only runtime with a `bootstrap` executable; JVM builds on java21
  # with the Quarkus handler class the zip was built for.
  runtime = var.native ? "provided.al2023" : "java21"
  handler = var.native ? "bootstrap" : var.handler
}

# Created here, not by Lambda on first write, so it has a retention and the role needs no logs:CreateLogGroup.
resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_kms_key_arn

  tags = var.tags
}

resource "aws_lambda_function" "this" {
  function_name = var.function_name
  description   = var.description
  role          = aws_iam_role.this.arn

  filename         = var.filename
  source_code_hash = filebase64sha256(var.filename)
  runtime          = local.runtime
  handler          = local.handler
  architectures    = [var.architecture]

  memory_size                    = var.memory_size
  timeout                        = var.timeout
  reserved_concurrent_executions = var.reserved_concurrent_executions

  dynamic "environment" {
    for_each = length(var.environment) > 0 ? [1] : []
    content {
      variables = var.environment
    }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  tags = var.tags

  # The role's policy must be in place before the first invocation, and the log group before the first line.
  depends_on = [aws_iam_role_policy.this, aws_cloudwatch_log_group.this]
}

# SQS event sources. Funqy splits a batch itself and reports the messages that threw, so only those are
# delivered again (quarkus.funqy.amazon-lambda.advanced-event-handling.sqs.report-batch-item-failures).
resource "aws_lambda_event_source_mapping" "this" {
  for_each = var.event_source_mappings

  function_name                      = aws_lambda_function.this.arn
  event_source_arn                   = each.value.event_source_arn
  batch_size                         = each.value.batch_size
  maximum_batching_window_in_seconds = each.value.maximum_batching_window_in_seconds
  enabled                            = each.value.enabled
  function_response_types            = ["ReportBatchItemFailures"]

  dynamic "scaling_config" {
    for_each = each.value.maximum_concurrency == null ? [] : [each.value.maximum_concurrency]
    content {
      maximum_concurrency = scaling_config.value
    }
  }

  tags = var.tags
}

# An optional EventBridge schedule (the sweeper).
resource "aws_cloudwatch_event_rule" "schedule" {
  count = var.schedule_expression == null ? 0 : 1

  name                = var.function_name
  description         = "Runs ${var.function_name} on ${var.schedule_expression}"
  schedule_expression = var.schedule_expression

  tags = var.tags
}

resource "aws_cloudwatch_event_target" "schedule" {
  count = var.schedule_expression == null ? 0 : 1

  rule = aws_cloudwatch_event_rule.schedule[0].name
  arn  = aws_lambda_function.this.arn
}

resource "aws_lambda_permission" "schedule" {
  count = var.schedule_expression == null ? 0 : 1

  statement_id  = "AllowEventBridgeSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.schedule[0].arn
}
