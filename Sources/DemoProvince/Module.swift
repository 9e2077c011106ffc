// Module DemoProvince.
