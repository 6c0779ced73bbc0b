# The function's own role with one inline policy built from typed inputs: every statement names its resources,
# none uses a wildcard action, and the only wildcards in resources are object-key suffixes under a prefix, log
# streams of the function's own log group and the table's indexes.
locals {
  queue_url_arns = distinct(concat(var.consume_queue_arns, var.send_queue_arns, var.lookup_queue_arns))

  statements = concat(
    # What AWSLambdaBasicExecutionRole grants, scoped to this function's log group (created above).
    [{
      Sid      = "WriteOwnLogs"
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = ["${aws_cloudwatch_log_group.this.arn}:*"]
    }],
    length(var.consume_queue_arns) == 0 ? [] : [{
      Sid      = "ConsumeQueues"
      Effect   = "Allow"
      Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"]
      Resource = var.consume_queue_arns
    }],
    length(var.send_queue_arns) == 0 ? [] : [{
      Sid      = "SendToQueues"
      Effect   = "Allow"
      Action   = ["sqs:SendMessage"]
      Resource = var.send_queue_arns
    }],
    length(local.queue_url_arns) == 0 ? [] : [{
      Sid      = "ResolveQueueUrls"
      Effect   = "Allow"
      Action   = ["sqs:GetQueueUrl"]
      Resource = local.queue_url_arns
    }],
    var.table_arn == null || length(var.table_actions) == 0 ? [] : [{
      Sid      = "UseTable"
      Effect   = "Allow"
      Action   = var.table_actions
      Resource = [var.table_arn]
    }],
    var.table_arn == null || length(var.table_index_actions) == 0 ? [] : [{
      Sid      = "QueryTableIndexes"
      Effect   = "Allow"
      Action   = var.table_index_actions
      Resource = ["${var.table_arn}/index/*"]
    }],
    var.s3_bucket_arn == null || length(var.s3_read_prefixes) == 0 ? [] : [{
      Sid      = "ReadObjects"
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:GetObjectVersion"]
      Resource = [for p in var.s3_read_prefixes : "${var.s3_bucket_arn}/${p}*"]
    }],
    var.s3_bucket_arn == null || length(var.s3_write_prefixes) == 0 ? [] : [{
      Sid      = "WriteObjects"
      Effect   = "Allow"
      Action   = ["s3:PutObject"]
      Resource = [for p in var.s3_write_prefixes : "${var.s3_bucket_arn}/${p}*"]
    }],
    length(var.secret_arns) == 0 ? [] : [{
      Sid      = "ReadSecrets"
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue"]
      Resource = var.secret_arns
    }],
    length(var.kms_key_arns) == 0 ? [] : [{
      Sid      = "UseKeys"
      Effect   = "Allow"
      Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource = var.kms_key_arns
    }],
  )

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.statements
  })
}

resource "aws_iam_role" "this" {
  name                 = var.function_name
  description          = "Execution role of the ${var.function_name} Lambda function"
  permissions_boundary = var.role_permissions_boundary

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "LambdaAssumesRole"
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })

  tags = var.tags
}

resource "aws_iam_role_policy" "this" {
  name   = "${var.function_name}-least-privilege"
  role   = aws_iam_role.this.id
  policy = local.policy
}
