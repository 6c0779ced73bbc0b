locals {
  actions = var.sns_topic_arn == null ? [] : [var.sns_topic_arn]
}

# A message in a dead-letter queue is lost work: one is enough to look. Five-minute maxima, since SQS metrics of an
# idle queue can arrive late or sparsely; missing data is not a breach.
resource "aws_cloudwatch_metric_alarm" "dlq" {
  for_each = var.dlq_names

  alarm_name          = "${var.name_prefix}-dlq-${each.key}"
  alarm_description   = "Messages are waiting in the dead-letter queue ${each.value}: their searches failed."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = each.value }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  for_each = var.function_names

  alarm_name          = "${var.name_prefix}-errors-${each.key}"
  alarm_description   = "The function ${each.value} failed invocations."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = var.period
  evaluation_periods  = var.evaluation_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.errors_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "throttles" {
  for_each = var.function_names

  alarm_name          = "${var.name_prefix}-throttles-${each.key}"
  alarm_description   = "The function ${each.value} was throttled."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = var.period
  evaluation_periods  = var.evaluation_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.throttles_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions

  tags = var.tags
}

# HTTP APIs publish 5xx (and 4xx) per ApiId.
resource "aws_cloudwatch_metric_alarm" "api_5xx" {
  for_each = var.api_ids

  alarm_name          = "${var.name_prefix}-5xx-${each.key}"
  alarm_description   = "The HTTP API ${each.key} answered with server errors."
  namespace           = "AWS/ApiGateway"
  metric_name         = "5xx"
  dimensions          = { ApiId = each.value }
  statistic           = "Sum"
  period              = var.period
  evaluation_periods  = var.evaluation_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.api_5xx_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions

  tags = var.tags
}

# The engine logs one line for every search that fails: `search=<id>: failed: <reason>`. Each function log group
# counts those lines into one metric, summed per minute.
resource "aws_cloudwatch_log_metric_filter" "searches_failed" {
  for_each = var.log_group_names

  name           = "${var.name_prefix}-searches-failed-${each.key}"
  log_group_name = each.value
  pattern        = "\"search=\" \"failed:\""

  metric_transformation {
    namespace = var.metric_namespace
    name      = "SearchesFailed"
    value     = "1"
    unit      = "Count"
  }
}

resource "aws_cloudwatch_metric_alarm" "searches_failed" {
  count = length(var.log_group_names) > 0 ? 1 : 0

  alarm_name          = "${var.name_prefix}-searches-failed"
  alarm_description   = "More than ${var.searches_failed_threshold} searches failed in a minute."
  namespace           = var.metric_namespace
  metric_name         = "SearchesFailed"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.searches_failed_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions

  tags = var.tags

  depends_on = [aws_cloudwatch_log_metric_filter.searches_failed]
}
