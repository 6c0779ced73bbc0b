mock_provider "aws" {
  mock_resource "aws_apigatewayv2_api" {
    defaults = {
      id            = "abc123"
      execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123"
      api_endpoint  = "https://abc123.execute-api.eu-west-1.amazonaws.com"
    }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/ponder" }
  }
}

variables {
  name                 = "ponder"
  lambda_function_name = "ponder-api"
  lambda_invoke_arn    = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:ponder-api/invocations"
}

run "proxies_everything_to_the_function" {
  assert {
    condition     = aws_apigatewayv2_api.this.protocol_type == "HTTP"
    error_message = "the API must be an HTTP API"
  }
  assert {
    condition     = aws_apigatewayv2_integration.lambda.integration_type == "AWS_PROXY" && aws_apigatewayv2_integration.lambda.payload_format_version == "2.0"
    error_message = "the integration must be a Lambda proxy with payload format 2.0"
  }
  assert {
    condition     = aws_apigatewayv2_integration.lambda.integration_uri == var.lambda_invoke_arn
    error_message = "the integration must call the API function"
  }
  assert {
    condition     = aws_apigatewayv2_route.default.route_key == "$default"
    error_message = "the only route must be $default"
  }
  assert {
    condition     = aws_apigatewayv2_stage.default.name == "$default" && aws_apigatewayv2_stage.default.auto_deploy
    error_message = "the $default stage must deploy automatically"
  }
}

run "logs_and_throttles" {
  variables {
    throttling_burst_limit = 20
    throttling_rate_limit  = 10
  }
  assert {
    condition     = aws_apigatewayv2_stage.default.access_log_settings[0].destination_arn == aws_cloudwatch_log_group.access.arn
    error_message = "access logs must go to the API's log group"
  }
  assert {
    condition     = jsondecode(aws_apigatewayv2_stage.default.access_log_settings[0].format).status == "$context.status"
    error_message = "access logs must be JSON with the status"
  }
  assert {
    condition     = aws_apigatewayv2_stage.default.default_route_settings[0].throttling_burst_limit == 20 && aws_apigatewayv2_stage.default.default_route_settings[0].throttling_rate_limit == 10
    error_message = "throttling must follow the variables"
  }
}

run "only_this_api_may_invoke" {
  assert {
    condition     = aws_lambda_permission.api.principal == "apigateway.amazonaws.com" && aws_lambda_permission.api.function_name == "ponder-api"
    error_message = "API Gateway must be allowed to invoke the API function"
  }
  assert {
    condition     = aws_lambda_permission.api.source_arn == "arn:aws:execute-api:eu-west-1:123456789012:abc123/*/*"
    error_message = "the permission must be scoped to this API"
  }
}

run "rejects_an_integration_timeout_over_30_s" {
  command = plan
  variables {
    integration_timeout_milliseconds = 31000
  }
  expect_failures = [var.integration_timeout_milliseconds]
}
