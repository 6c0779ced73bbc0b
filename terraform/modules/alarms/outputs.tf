output "alarm_names" {
  description = "Every alarm's name, by kind and key."
  value = {
    dlq             = { for k, a in aws_cloudwatch_metric_alarm.dlq : k => a.alarm_name }
    errors          = { for k, a in aws_cloudwatch_metric_alarm.errors : k => a.alarm_name }
    throttles       = { for k, a in aws_cloudwatch_metric_alarm.throttles : k => a.alarm_name }
    api_5xx         = { for k, a in aws_cloudwatch_metric_alarm.api_5xx : k => a.alarm_name }
    searches_failed = [for a in aws_cloudwatch_metric_alarm.searches_failed : a.alarm_name]
  }
}

output "searches_failed_metric" {
  description = "Namespace and name of the failed-searches metric."
  value       = { namespace = var.metric_namespace, name = "SearchesFailed" }
}
